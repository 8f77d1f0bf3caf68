// The typed config: defaults, YAML loading with file:line errors, --set overrides, docs.
#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>

#include "sim/cfg/config_io.h"

using Catch::Contains;

namespace {
std::string read_file(const std::string& p) {
  std::ifstream in(p);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}
std::string error_of(const std::string& yaml, std::vector<std::string> sets = {}) {
  try {
    cfg::load_config_text(yaml, "t.yaml", sets);
  } catch (const cfg::ConfigError& e) {
    return e.what();
  }
  return "no error";
}
}  // namespace

TEST_CASE("configs/default.yaml states exactly the built-in defaults", "[config]") {
  const cfg::HwConfig file = cfg::load_config(TILESIM_SOURCE_DIR "/configs/default.yaml");
  cfg::HwConfig builtin;
  cfg::resolve_energy(builtin);  // the energy and area keys take the node's values at load
  cfg::resolve_area(builtin);
  CHECK(cfg::dump_yaml(file) == cfg::dump_yaml(builtin));
}

TEST_CASE("every shipped config loads", "[config]") {
  for (const char* name : {"default", "edge", "large"}) {
    INFO(name);
    const cfg::HwConfig c = cfg::load_config(std::string(TILESIM_SOURCE_DIR "/configs/") + name + ".yaml");
    CHECK(c.name == name);
  }
  const cfg::HwConfig edge = cfg::load_config(TILESIM_SOURCE_DIR "/configs/edge.yaml");
  CHECK(edge.clock.freq_mhz == 400);
  CHECK(edge.core.misaligned == "trap");
  CHECK(edge.core.timing.div == 33);
  CHECK(edge.core.timing.alu == 1);  // unspecified keys keep their defaults
}

TEST_CASE("docs/config.md is the generated reference of the schema", "[config]") {
  CHECK(read_file(TILESIM_SOURCE_DIR "/docs/config.md") == cfg::config_markdown());
}

TEST_CASE("the effective-config dump loads back to the same config", "[config]") {
  const cfg::HwConfig c = cfg::load_config_text("name: x\ncore:\n  misaligned: trap\n  timing:\n    div: 7\n", "t.yaml",
                                                {"memory.dram_size_mib=64"});
  const cfg::HwConfig back = cfg::load_config_text(cfg::dump_yaml(c), "dump.yaml");
  CHECK(cfg::dump_yaml(back) == cfg::dump_yaml(c));
  CHECK(back.core.timing.div == 7);
  CHECK(back.memory.dram_size_mib == 64);
}

TEST_CASE("unknown keys are rejected with file:line, key path and a suggestion", "[config]") {
  CHECK(error_of("core:\n  timing:\n    dvi: 3\n") ==
        "t.yaml:3: core.timing.dvi: unknown key (did you mean 'div'?); known here: alu, branch, branch_taken_penalty, "
        "csr, div, jump, jump_penalty, load, load_use_penalty, mul, store, system, tile");
  CHECK_THAT(error_of("sim: {}\nbogus: 1\n"), Contains("t.yaml:2: bogus: unknown key"));
}

TEST_CASE("wrong types are rejected", "[config]") {
  CHECK(error_of("core:\n  timing: [1, 2]\n") == "t.yaml:2: core.timing: expected a mapping of keys");
  CHECK(error_of("clock:\n  freq_mhz: fast\n") == "t.yaml:2: clock.freq_mhz: expected a non-negative integer, got 'fast'");
  CHECK(error_of("clock:\n  freq_mhz: {a: 1}\n") == "t.yaml:2: clock.freq_mhz: expected a number, got a mapping");
  CHECK(error_of("clock:\n  freq_mhz: 1.5\n") == "t.yaml:2: clock.freq_mhz: expected a non-negative integer, got '1.5'");
  CHECK(error_of("core:\n  misaligned: sometimes\n") == "t.yaml:2: core.misaligned: 'sometimes' is not one of: allow, trap");
  CHECK(error_of("- a\n- b\n") == "t.yaml:1: <top>: expected a mapping of keys");
  CHECK_THAT(error_of("core: {timing: [1\n"), Contains("t.yaml:2: malformed YAML"));
}

TEST_CASE("zero, negative and out-of-range values are rejected", "[config]") {
  CHECK(error_of("core:\n  timing:\n    alu: 0\n") == "t.yaml:3: core.timing.alu: value 0 out of range [1 .. 1000]");
  CHECK(error_of("core:\n  timing:\n    div: -3\n") == "t.yaml:3: core.timing.div: must be >= 1, got '-3'");
  CHECK(error_of("sim:\n  max_cycles: 0\n") == "t.yaml:2: sim.max_cycles: value 0 out of range [1 .. 2^64-1]");
  CHECK(error_of("memory:\n  dram_size_mib: 99999999999999999999999\n") ==
        "t.yaml:2: memory.dram_size_mib: expected a non-negative integer, got '99999999999999999999999'");
}

TEST_CASE("cross-field rules are checked after overrides", "[config]") {
  CHECK(error_of("memory:\n  dram_base: 0x80000010\n") == "t.yaml:2: memory.dram_base: must be 4 KiB aligned");
  CHECK(error_of("", {"memory.dram_size_mib=3000"}) ==
        "--set: memory.dram_size_mib: dram_base + size exceeds the 32-bit address space");
}

TEST_CASE("set overrides replace file values and report bad paths and values", "[config]") {
  const cfg::HwConfig c = cfg::load_config_text("core:\n  timing:\n    div: 5\n", "t.yaml",
                                                {"core.timing.div=9", "core.misaligned=trap", "memory.dram_base=0x40000000", "name=x"});
  CHECK(c.core.timing.div == 9);
  CHECK(c.core.misaligned == "trap");
  CHECK(c.memory.dram_base == 0x40000000u);
  CHECK(c.name == "x");
  CHECK(error_of("", {"core.timing.dvi=3"}) ==
        "--set: core.timing.dvi: unknown key 'dvi' (did you mean 'core.timing.div'?); known here: alu, branch, branch_taken_penalty, csr, div, jump, "
        "jump_penalty, load, load_use_penalty, mul, store, system, tile");
  CHECK(error_of("", {"core.timing=3"}) == "--set: core.timing: 'timing' is a group; name one of its keys");
  CHECK(error_of("", {"core.misaligned.x=3"}) == "--set: core.misaligned.x: 'misaligned' is a value, not a group");
  CHECK(error_of("", {"core.timing.div=0"}) == "--set: core.timing.div: value 0 out of range [1 .. 1000]");
  CHECK(error_of("", {"nonsense"}) == "--set: 'nonsense': expected key.path=value");
}
