// RTL-in-the-loop MAC engine. The tile unit schedules at issue time and needs each MMA's done
// cycle at once, while the next MMAs (which the pipelined array overlaps with this one) are not
// known yet. So the engine keeps the main model at the current MMA's start cycle and runs a
// probe copy of it (Verilator --savable state) ahead until this MMA's result appears: values and
// done cycle come from the RTL; the main model then moves on by one cycle.
// Registers itself as the MAC engine kind "rtl" (tile.mac.engine: rtl, or --mac rtl).
#include <algorithm>
#include <deque>
#include <stdexcept>

#include "rtl/sim/rtl_array.h"
#include "sim/timing/mac_engine.h"

namespace rtl {
namespace {

class RtlEngine final : public timing::MacEngine {
 public:
  RtlEngine(std::unique_ptr<RtlArray> main, std::unique_ptr<RtlArray> probe, const cfg::ChipParams& p)
      : main_(std::move(main)), probe_(std::move(probe)) {
    for (int f = 0; f < isa::kNumFormats; ++f) ii_[f] = p.mac_ii[f];
  }
  /// A hint for choosing among engines; the start cycle itself comes from the RTL's ready.
  uint64_t free_at() const override { return next_hint_; }

  timing::MmaTiming mma(const timing::MmaRequest& r) override {
    // Bring the main model to the earliest start: jump over idle time, tick through busy time.
    // Tick only while earlier MMAs are still in the array; once it has drained, the cycles up to
    // the start are idle and the same for the RTL, so they are skipped, not simulated (two MMAs
    // far apart used to tick every cycle between them).
    const uint64_t target = std::max(r.earliest, now());
    if (!dones_.empty()) {
      const uint64_t drained = std::min(target, dones_.back() + 1);
      while (now() < drained) idle_tick();
    }
    if (pending(now()) == 0) skew_ += target - now();
    while (now() < target) idle_tick();
    while (!main_->ready()) idle_tick();
    const uint64_t start = now();
    const unsigned mode = isa::format(r.format).rtl_mode;
    // Results still to come out at or after `start` (earlier MMAs) precede ours.
    const size_t ahead = pending(start);
    const xtile::Tile c_in = *r.d;  // the result overwrites r.d; both models start from c_in
    const int32_t* cin = reinterpret_cast<const int32_t*>(c_in.b);
    main_->save(state_);
    probe_->restore(state_);
    probe_->drive(true, mode, r.a->b, r.b->b, cin);
    size_t seen = 0;
    uint64_t done = start;
    for (uint64_t guard = 0;; ++guard) {
      if (probe_->out_valid()) {
        if (seen == ahead) {
          probe_->out_c(reinterpret_cast<int32_t*>(r.d->b));
          break;
        }
        ++seen;
      }
      probe_->tick();
      probe_->drive(false, 0, nullptr, nullptr, nullptr);
      ++done;
      if (guard > 1000000) throw std::runtime_error("RTL MAC array produced no result");
    }
    // The main model takes the start and moves on.
    main_->drive(true, mode, r.a->b, r.b->b, cin);
    main_->tick();
    main_->drive(false, 0, nullptr, nullptr, nullptr);
    dones_.push_back(done);
    next_hint_ = start + ii_[static_cast<int>(r.format)];
    timing::MmaTiming t;
    t.start = start;
    t.done = done;
    // Invalid codes are the golden model's count, not the RTL's (the array has no counter).
    if (r.format == isa::Format::Ternary) t.invalid_codes = xtile::count_invalid_codes(*r.b);
    return t;
  }

 private:
  uint64_t now() const { return main_->cycle() + skew_; }
  size_t pending(uint64_t at) {
    while (!dones_.empty() && dones_.front() < at) dones_.pop_front();
    return dones_.size();
  }
  void idle_tick() {
    main_->drive(false, 0, nullptr, nullptr, nullptr);
    main_->tick();
  }
  std::unique_ptr<RtlArray> main_, probe_;
  uint32_t ii_[isa::kNumFormats];  // MAC II per format (chip parameters)
  std::vector<uint8_t> state_;
  std::deque<uint64_t> dones_;
  uint64_t skew_ = 0, next_hint_ = 0;
};

/// "" when a variant of this geometry was built and its fixed rates match the config.
std::string supports(const cfg::MacConfig& m) {
  if (m.rate(isa::Format::Int4) != 2)
    return "the RTL array does int4 at 2 MACs per PE per cycle (tile.mac.int4_factor = " + std::to_string(m.rate(isa::Format::Int4)) + ")";
  if (!has_variant(m))
    return "no RTL variant was built for " + geometry_of(m).name() + "; built: " + variants_text() + " (RTL_VARIANTS in rtl/CMakeLists.txt)";
  return "";
}

std::unique_ptr<timing::MacEngine> make(const cfg::ChipParams& p, const xtile::XtileMachine&) {
  auto main = make_rtl_array(p.hw.tile.mac), probe = make_rtl_array(p.hw.tile.mac);
  if (!main || !probe) throw std::logic_error("rtl engine: made without a variant (supports() checks first)");
  main->drive(false, 0, nullptr, nullptr, nullptr);
  return std::make_unique<RtlEngine>(std::move(main), std::move(probe), p);
}

const bool registered = timing::register_engine(
    {"rtl", supports, make});  // the Verilated array (rtl/tile_mac.sv) of this geometry, built per RTL_VARIANTS

}  // namespace

}  // namespace rtl
