// Any text as a sweep spec: reads or throws SweepSpecError / ConfigError; never crashes, hangs or
// grows unbounded (points are not expanded here: plan::expand caps them at 1,000,000).
#include <cstdint>
#include <string>

#include "sim/cfg/config_error.h"
#include "sim/cfg/sweep_spec.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size > 64 * 1024) return 0;
  try {
    const cfg::SweepSpec s = cfg::load_sweep_spec_text(std::string(reinterpret_cast<const char*>(data), size), "fuzz.yaml", ".");
    size_t n = s.fixed.size() + s.axes.size();
    for (const auto& g : s.zips) n += g.size();
    (void)n;
  } catch (const cfg::ConfigError&) {
  }
  return 0;
}
