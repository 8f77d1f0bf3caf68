#pragma once
// Writing a run's stats: the JSON object with every tile counter under "tile", and the effective
// config next to it (PATH.json -> PATH.config.yaml), named in the JSON.
#include <nlohmann/json.hpp>

#include <cstdint>
#include <string>
#include <vector>

#include "sim/stats/tile_stats.h"

namespace report {

/// Adds "tile" (all counters, macs_per_engine) and "effective_config" to j and writes both files.
void write_stats(const std::string& json_path, nlohmann::json j, const timing::TileStats& t,
                 const std::vector<uint64_t>& macs_per_engine, const std::string& config_yaml);

}  // namespace report
