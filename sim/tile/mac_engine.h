#pragma once
// One interface for MAC engines: the C++ model here, the Verilated RTL array later. An engine
// computes the MMA's values and reports when it started and finished; the scoreboard only
// schedules around those cycles.
#include <cstdint>
#include <memory>

#include "sim/cfg/hw_config.h"
#include "sim/tile/func/tile.h"
#include "sim/tile/func/tile_ops.h"

namespace tile {

enum class MmaMode : uint8_t { SS, SU, US, UU, Ternary };

/// THE timing formula of a MAC array (the RTL must show the same cycle for cycle):
///   passes  = ceil(16 / rows) * ceil(16 / cols)
///   k_steps = 16 for int8, ceil(16 / ternary_factor) for ternary
///   II      = passes * k_steps                        (cycles between MMA starts)
///   latency = II + (rows - 1) + (cols - 1) + pipeline_depth   (start to result)
struct MacTiming {
  static uint32_t ii(const cfg::MacConfig& m, bool ternary);
  static uint32_t latency(const cfg::MacConfig& m, bool ternary);
};

struct MmaRequest {
  MmaMode mode = MmaMode::SS;
  func::Tile* d = nullptr;        ///< accumulator (int32), updated in place
  const func::Tile* a = nullptr;  ///< int8 / uint8 [m][k]
  const func::Tile* b = nullptr;  ///< int8 / uint8 [n][k], or ternary codes [n][k]
  uint64_t earliest = 0;          ///< operands are ready at this cycle
};

struct MmaTiming {
  uint64_t start = 0, done = 0;
  uint32_t invalid_codes = 0;  ///< ternary code 3 seen (counts as 0)
};

class MacEngine {
 public:
  virtual ~MacEngine() = default;
  virtual const char* kind() const = 0;
  /// Earliest cycle at which this engine can start another MMA.
  virtual uint64_t free_at() const = 0;
  /// Executes one MMA starting at max(req.earliest, free_at()).
  virtual MmaTiming mma(const MmaRequest& req) = 0;
};

/// The C++ engine: values from the functional model, timing from MacTiming. Final and defined
/// here, so that a caller holding one can call it without the virtual dispatch.
class CppMacEngine final : public MacEngine {
 public:
  explicit CppMacEngine(const cfg::MacConfig& m)
      : ii_i8_(MacTiming::ii(m, false)), ii_t2_(MacTiming::ii(m, true)),
        lat_i8_(MacTiming::latency(m, false)), lat_t2_(MacTiming::latency(m, true)) {}
  const char* kind() const override { return "cpp"; }
  uint64_t free_at() const override { return free_; }
  MmaTiming mma(const MmaRequest& r) override {
    MmaTiming t;
    const bool tern = r.mode == MmaMode::Ternary;
    t.start = r.earliest > free_ ? r.earliest : free_;
    free_ = t.start + (tern ? ii_t2_ : ii_i8_);
    t.done = t.start + (tern ? lat_t2_ : lat_i8_);
    switch (r.mode) {
      case MmaMode::SS: func::mma_i8(*r.d, *r.a, *r.b, true, true); break;
      case MmaMode::SU: func::mma_i8(*r.d, *r.a, *r.b, true, false); break;
      case MmaMode::US: func::mma_i8(*r.d, *r.a, *r.b, false, true); break;
      case MmaMode::UU: func::mma_i8(*r.d, *r.a, *r.b, false, false); break;
      case MmaMode::Ternary: t.invalid_codes = func::mma_t2(*r.d, *r.a, *r.b); break;
    }
    return t;
  }

 private:
  uint32_t ii_i8_, ii_t2_, lat_i8_, lat_t2_;
  uint64_t free_ = 0;
};

std::unique_ptr<MacEngine> make_cpp_engine(const cfg::MacConfig& m);

}  // namespace tile
