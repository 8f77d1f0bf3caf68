#pragma once
// MAC engines behind one interface, made by name from a registry: "cpp" (values from the golden
// machine, timing from MacTiming) is registered here; "rtl" (the Verilated SystemVerilog array)
// registers itself from rtl/sim/. The config's tile.mac.engine picks one for every way a chip is
// built. An engine computes the MMA's values and reports when it started and finished; the tile
// unit only schedules around those cycles.
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "isa/formats.h"
#include "sim/cfg/chip_params.h"
#include "sim/cfg/hw_config.h"
#include "sim/xtile/machine.h"
#include "sim/xtile/tile.h"

namespace timing {

using cfg::MacTiming;  // THE MAC timing formula (sim/cfg/chip_params.h)

struct MmaRequest {
  isa::Format format = isa::Format::Int8SS;
  xtile::Tile* d = nullptr;        ///< accumulator (int32), updated in place
  const xtile::Tile* a = nullptr;  ///< operand A in the format's packing
  const xtile::Tile* b = nullptr;  ///< operand B
  uint64_t earliest = 0;           ///< operands are ready at this cycle
};

struct MmaTiming {
  uint64_t start = 0, done = 0;
  uint32_t invalid_codes = 0;  ///< ternary code 2 read (counts as 0)
};

class MacEngine {
 public:
  virtual ~MacEngine() = default;
  /// Earliest cycle at which this engine can start another MMA.
  virtual uint64_t free_at() const = 0;
  /// Executes one MMA starting at max(req.earliest, free_at()).
  virtual MmaTiming mma(const MmaRequest& req) = 0;
  /// The engine is busy until `until` (a block MMA whose values the golden machine computed and
  /// whose timing the tile unit took from the formula). Engines that compute values themselves
  /// get block MMAs tile by tile through mma() and need not override this.
  virtual void hold(uint64_t /*until*/) {}
  /// True when values come from the golden machine (then a block MMA's values may too).
  virtual bool golden_values() const { return false; }
};

/// The C++ engine: values from the golden machine's dispatcher, timing from MacTiming. Final and
/// defined here, so that a caller holding one can call it without the virtual dispatch.
class CppMacEngine final : public MacEngine {
 public:
  CppMacEngine(const cfg::ChipParams& p, const xtile::XtileMachine& machine) : machine_(machine) {
    for (int f = 0; f < isa::kNumFormats; ++f) {
      ii_[f] = p.mac_ii[f];
      lat_[f] = p.mac_latency[f];
    }
  }
  uint64_t free_at() const override { return free_; }
  void hold(uint64_t until) override { free_ = until > free_ ? until : free_; }
  bool golden_values() const override { return true; }
  MmaTiming mma(const MmaRequest& r) override {
    MmaTiming t;
    const int f = static_cast<int>(r.format);
    t.start = r.earliest > free_ ? r.earliest : free_;
    free_ = t.start + ii_[f];
    t.done = t.start + lat_[f];
    t.invalid_codes = machine_.mma(r.format, *r.d, *r.a, *r.b);
    return t;
  }

 private:
  const xtile::XtileMachine& machine_;
  uint32_t ii_[isa::kNumFormats], lat_[isa::kNumFormats];
  uint64_t free_ = 0;
};

/// One kind of engine in the registry.
struct EngineKind {
  std::string name;  ///< the value of tile.mac.engine
  /// "" when this kind can be built for the MAC config, else why not (formats, geometry).
  std::function<std::string(const cfg::MacConfig&)> supports;
  /// One engine; values go through `machine` where the engine does not compute them itself.
  std::function<std::unique_ptr<MacEngine>(const cfg::ChipParams&, const xtile::XtileMachine& machine)> make;
};

/// Adds a kind (a static registrar in the engine's own file calls it); returns true.
bool register_engine(EngineKind kind);
/// The kind named `name`, or nullptr.
const EngineKind* find_engine(const std::string& name);
/// Names of the registered kinds, in registration order.
std::vector<std::string> engine_names();
/// tile.mac.engines engines of kind tile.mac.engine; throws cfg::ConfigError naming the engine
/// when it is not in this build or cannot be built for the config.
std::vector<std::unique_ptr<MacEngine>> make_engines(const cfg::ChipParams& p, const xtile::XtileMachine& machine);

}  // namespace timing
