// Any text as a config: loads or throws ConfigError; never crashes, hangs or grows unbounded.
#include <cstdint>
#include <string>

#include "sim/cfg/config_error.h"
#include "sim/cfg/config_io.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size > 64 * 1024) return 0;  // the CLI caps config files at 1 MiB; keep runs fast
  try {
    const cfg::HwConfig c = cfg::load_config_text(std::string(reinterpret_cast<const char*>(data), size), "fuzz.yaml", {});
    (void)cfg::dump_yaml(c);
  } catch (const cfg::ConfigError&) {
  }
  return 0;
}
