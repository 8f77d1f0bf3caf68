#include "sim/report/stats_file.h"

#include <fstream>
#include <stdexcept>

namespace report {

void write_stats(const std::string& json_path, nlohmann::json j, const timing::TileStats& t,
                 const std::vector<uint64_t>& macs_per_engine, const std::string& config_yaml) {
  nlohmann::json tj;
#define STAT(id, name, doc) tj[#name] = t.name;
#include "isa/xtile_abi.def"
#undef STAT
  tj["macs_per_engine"] = macs_per_engine;
  j["tile"] = tj;
  std::string cfg_path = json_path;
  if (cfg_path.size() > 5 && cfg_path.compare(cfg_path.size() - 5, 5, ".json") == 0) cfg_path.resize(cfg_path.size() - 5);
  cfg_path += ".config.yaml";
  j["effective_config"] = cfg_path;
  std::ofstream js(json_path);
  if (!js) throw std::runtime_error("cannot write " + json_path);
  js << j.dump(2) << "\n";
  std::ofstream cy(cfg_path);
  if (!cy) throw std::runtime_error("cannot write " + cfg_path);
  cy << config_yaml;
}

}  // namespace report
