#include "sim/tile/mac_engine.h"

#include <algorithm>

#include "sim/tile/func/tile_ops.h"

namespace tile {
namespace {
uint32_t ceil_div(uint32_t a, uint32_t b) { return (a + b - 1) / b; }

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
    t.start = std::max(r.earliest, free_);
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
}  // namespace

uint32_t MacTiming::ii(const cfg::MacConfig& m, bool ternary) {
  const uint32_t passes = ceil_div(16, m.rows) * ceil_div(16, m.cols);
  return passes * (ternary ? ceil_div(16, m.ternary_factor) : 16);
}

uint32_t MacTiming::latency(const cfg::MacConfig& m, bool ternary) {
  return ii(m, ternary) + (m.rows - 1) + (m.cols - 1) + m.pipeline_depth;
}

std::unique_ptr<MacEngine> make_cpp_engine(const cfg::MacConfig& m) { return std::make_unique<CppMacEngine>(m); }

}  // namespace tile
