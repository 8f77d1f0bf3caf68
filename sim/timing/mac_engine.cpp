#include "sim/timing/mac_engine.h"

#include "sim/cfg/config_error.h"

namespace timing {
namespace {
uint32_t ceil_div(uint32_t a, uint32_t b) { return (a + b - 1) / b; }

std::vector<EngineKind>& registry() {
  static std::vector<EngineKind> r;
  return r;
}

const bool cpp_registered = register_engine(
    {"cpp", "the C++ model: values from the golden machine, timing from MacTiming (every format and geometry)",
     [](const cfg::MacConfig&) { return std::string(); },
     [](const cfg::MacConfig& m, const xtile::XtileMachine& machine) -> std::unique_ptr<MacEngine> {
       return std::make_unique<CppMacEngine>(m, machine);
     }});
}  // namespace

uint32_t MacTiming::k_steps(const cfg::MacConfig& m, isa::Format f) { return ceil_div(isa::format(f).k, m.rate(f)); }

uint32_t MacTiming::ii(const cfg::MacConfig& m, isa::Format f) {
  return ceil_div(16, m.rows) * ceil_div(16, m.cols) * k_steps(m, f);
}

uint32_t MacTiming::latency(const cfg::MacConfig& m, isa::Format f) {
  return ii(m, f) + (m.rows - 1) + (m.cols - 1) + m.pipeline_depth;
}

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

std::vector<std::unique_ptr<MacEngine>> make_engines(const cfg::MacConfig& m, const xtile::XtileMachine& machine) {
  const EngineKind* kind = find_engine(m.engine);
  if (!kind) {
    std::string have;
    for (const auto& n : engine_names()) have += (have.empty() ? "" : ", ") + n;
    throw cfg::ConfigError("tile.mac.engine: engine `" + m.engine + "` is not in this build (built: " + have + ")");
  }
  const std::string why = kind->supports(m);
  if (!why.empty()) throw cfg::ConfigError("tile.mac.engine: engine `" + m.engine + "` cannot build this array: " + why);
  std::vector<std::unique_ptr<MacEngine>> v;
  for (uint32_t i = 0; i < m.engines; ++i) v.push_back(kind->make(m, machine));
  return v;
}

}  // namespace timing
