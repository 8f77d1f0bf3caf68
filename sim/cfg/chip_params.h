#pragma once
// Chip parameters: the numbers the timing models use, derived once from a validated HwConfig
// (the file schema, hw_config.h). The timing models and the chip are built from these, so a
// derived number has one formula, here.
#include <cstdint>

#include "isa/formats.h"
#include "sim/cfg/hw_config.h"

namespace cfg {

/// THE timing formula of a MAC array (the RTL must show the same cycle for cycle):
///   passes  = ceil(16 / rows) * ceil(16 / cols)
///   k_steps = ceil(k / rate)   k and rate per format (isa/formats.def; the config may override rate)
///   II      = passes * k_steps                        (cycles between MMA starts)
///   latency = II + (rows - 1) + (cols - 1) + pipeline_depth   (start to result)
///   (rows or cols above 16: one MMA still takes II - a 16x16 corner of the array - while
///   xt.mma.blk keeps a group of (rows / 16) x (cols / 16) C tiles on the array per pass:
///   group_rows / group_cols below; docs/tile-unit.md, "Block MMA")
struct MacTiming {
  static uint32_t k_steps(const MacConfig& m, isa::Format f);
  static uint32_t ii(const MacConfig& m, isa::Format f);
  static uint32_t latency(const MacConfig& m, isa::Format f);
  static uint32_t group_rows(const MacConfig& m) { return m.rows >= 32 ? m.rows / 16 : 1; }
  static uint32_t group_cols(const MacConfig& m) { return m.cols >= 32 ? m.cols / 16 : 1; }
};

struct ChipParams {
  HwConfig hw;                               ///< the config they come from
  uint32_t mac_ii[isa::kNumFormats];         ///< MacTiming::ii per format
  uint32_t mac_latency[isa::kNumFormats];    ///< MacTiming::latency per format
  uint32_t vec_ii;                           ///< cycles a 16x16 op occupies the vector unit: ceil(256 / lanes)
  uint64_t dram_latency_cycles;              ///< dram.latency_ns in core cycles, rounded up
  uint32_t bank_period;                      ///< bytes after which bank placement repeats (swizzled or not)
  uint32_t spad_bytes;                       ///< scratchpad.size_kib in bytes
  uint32_t acc_bytes;                        ///< scratchpad.acc_kib in bytes (the accumulator SRAM after it)
};

/// The parameters of chip `c` (already validated by the loader).
ChipParams chip_params(const HwConfig& c);

}  // namespace cfg
