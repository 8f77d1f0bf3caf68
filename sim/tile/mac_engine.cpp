#include "sim/tile/mac_engine.h"

#include <algorithm>

#include "sim/tile/func/tile_ops.h"

namespace tile {
namespace {
uint32_t ceil_div(uint32_t a, uint32_t b) { return (a + b - 1) / b; }
}  // namespace

uint32_t MacTiming::ii(const cfg::MacConfig& m, bool ternary) {
  const uint32_t passes = ceil_div(16, m.rows) * ceil_div(16, m.cols);
  return passes * (ternary ? ceil_div(16, m.ternary_factor) : 16);
}

uint32_t MacTiming::latency(const cfg::MacConfig& m, bool ternary) {
  return ii(m, ternary) + (m.rows - 1) + (m.cols - 1) + m.pipeline_depth;
}

std::unique_ptr<MacEngine> make_cpp_engine(const cfg::MacConfig& m) { return std::make_unique<CppMacEngine>(m); }

}  // namespace tile
