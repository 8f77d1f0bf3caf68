#include "sim/cfg/chip_params.h"

namespace cfg {
namespace {
uint32_t ceil_div(uint32_t a, uint32_t b) { return (a + b - 1) / b; }
}  // namespace

uint32_t MacTiming::k_steps(const MacConfig& m, isa::Format f) { return ceil_div(isa::format(f).k, m.rate(f)); }

uint32_t MacTiming::ii(const MacConfig& m, isa::Format f) { return ceil_div(16, m.rows) * ceil_div(16, m.cols) * k_steps(m, f); }

uint32_t MacTiming::latency(const MacConfig& m, isa::Format f) { return ii(m, f) + (m.rows - 1) + (m.cols - 1) + m.pipeline_depth; }

ChipParams chip_params(const HwConfig& c) {
  ChipParams p{};
  p.hw = c;
  for (const auto& f : isa::kFormats) {
    p.mac_ii[static_cast<int>(f.id)] = MacTiming::ii(c.tile.mac, f.id);
    p.mac_latency[static_cast<int>(f.id)] = MacTiming::latency(c.tile.mac, f.id);
  }
  p.vec_ii = ceil_div(256, c.tile.vector.lanes);
  p.dram_latency_cycles = (c.dram.latency_ns * c.clock.freq_mhz + 999) / 1000;
  p.bank_period = c.scratchpad.banks * c.scratchpad.bank_width * c.scratchpad.banks;
  p.spad_bytes = c.scratchpad.size_kib << 10;
  p.acc_bytes = c.scratchpad.acc_kib << 10;
  return p;
}

}  // namespace cfg
