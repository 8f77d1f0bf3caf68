#pragma once
// The Verilated MAC array as a tile::MacEngine: `--mac rtl` runs workloads with the RTL in the
// loop. Values and done cycles come from the RTL itself.
#include <memory>
#include <vector>

#include "sim/cfg/hw_config.h"
#include "sim/tile/mac_engine.h"

namespace rtl {

/// One RTL engine per tile.mac.engines; throws cfg::ConfigError when no variant matches.
std::vector<std::unique_ptr<tile::MacEngine>> make_engines(const cfg::HwConfig& c);

}  // namespace rtl
