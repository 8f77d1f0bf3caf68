#include "sim/timing/mac_engine.h"

#include "sim/cfg/config_error.h"

namespace timing {
namespace {

std::vector<EngineKind>& registry() {
  static std::vector<EngineKind> r;
  return r;
}

const bool cpp_registered = register_engine(
    {"cpp",  // the C++ model: values from the golden machine, timing from MacTiming (every format and geometry)
     [](const cfg::MacConfig&) { return std::string(); },
     [](const cfg::ChipParams& p, const xtile::XtileMachine& machine) -> std::unique_ptr<MacEngine> {
       return std::make_unique<CppMacEngine>(p, machine);
     }});
}  // namespace

bool register_engine(EngineKind kind) {
  registry().push_back(std::move(kind));
  return true;
}

const EngineKind* find_engine(const std::string& name) {
  (void)cpp_registered;
  for (const auto& k : registry())
    if (k.name == name) return &k;
  return nullptr;
}

std::vector<std::string> engine_names() {
  (void)cpp_registered;
  std::vector<std::string> v;
  for (const auto& k : registry()) v.push_back(k.name);
  return v;
}

std::vector<std::unique_ptr<MacEngine>> make_engines(const cfg::ChipParams& p, const xtile::XtileMachine& machine) {
  const cfg::MacConfig& m = p.hw.tile.mac;
  const EngineKind* kind = find_engine(m.engine);
  if (!kind) {
    std::string have;
    for (const auto& n : engine_names()) have += (have.empty() ? "" : ", ") + n;
    throw cfg::ConfigError("tile.mac.engine: engine `" + m.engine + "` is not in this build (built: " + have + ")");
  }
  const std::string why = kind->supports(m);
  if (!why.empty()) throw cfg::ConfigError("tile.mac.engine: engine `" + m.engine + "` cannot build this array: " + why);
  std::vector<std::unique_ptr<MacEngine>> v;
  for (uint32_t i = 0; i < m.engines; ++i) v.push_back(kind->make(p, machine));
  return v;
}

}  // namespace timing
