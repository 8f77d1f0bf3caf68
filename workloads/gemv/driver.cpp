// Host driver of workloads/gemv.c: Y = W x X^T for 1..16 vectors, W int8 or ternary.
#include <algorithm>
#include <cmath>
#include <cstring>
#include <sstream>

#include "workloads/host/golden/golden.h"
#include "workloads/host/inputs.h"
#include "workloads/host/options.h"
#include "workloads/host/recipes.h"
#include "workloads/host/workload.h"
#include "workloads/common/wl_args.h"
#include "workloads/gemv/args.h"

namespace wl {
namespace {

class Gemv final : public Workload {
 public:
  Gemv(const Options& o, const cfg::HwConfig& chip) {
    r_ = opt_u32(o, "rows", 4000, 1, kMaxDim);
    c_ = opt_u32(o, "cols", 12000, 1, kMaxDim);
    v_ = opt_u32(o, "vectors", 1, 1, 16);
    ternary_ = opt_choice(o, "dtype", "int8", {"int8", "ternary"}) == "ternary";
    peak_ = peak_int8_macs(chip) * (ternary_ ? chip.tile.mac.rate(isa::Format::Ternary) : 1);
  }
  std::string kernel() const override { return "gemv"; }
  std::vector<std::pair<std::string, uint64_t>> buffers() const override {
    const uint64_t wrow = ternary_ ? (c_ + 3) / 4 : c_;
    return {{"W", r_ * wrow}, {"X", uint64_t(v_) * c_}, {"Y", uint64_t(r_) * v_ * 4}};
  }

  ArgBlock prepare(Memory& mem, uint64_t seed) override {
    recipe::Gemv in = recipe::gemv(r_, c_, v_, ternary_, seed);
    w_ = std::move(in.w);
    x_ = std::move(in.x);
    w_addr_ = mem.alloc(w_.size(), "W");
    x_addr_ = mem.alloc(x_.size(), "X");
    y_addr_ = mem.alloc(size_t(r_) * v_ * 4, "Y");
    std::memcpy(mem.at(w_addr_), w_.data(), w_.size());
    std::memcpy(mem.at(x_addr_), x_.data(), x_.size());
    std::memset(mem.at(y_addr_), 0xa5, size_t(r_) * v_ * 4);
    return arg_block(WL_GEMV, wl_gemv_args{r_, c_, v_, w_addr_, x_addr_, y_addr_, ternary_ ? 1u : 0u});
  }

  std::string check(Memory& mem) override {
    return compare_i32(mem.at(y_addr_), golden::gemv(w_, x_, r_, c_, v_, ternary_), v_, "Y");
  }

  WorkMetrics metrics() const override {
    WorkMetrics m;
    std::ostringstream d;
    d << "gemv " << (ternary_ ? "ternary" : "int8") << " " << r_ << "x" << c_ << (v_ > 1 ? " x" + std::to_string(v_) + " vectors" : "");
    m.description = d.str();
    m.key = std::string("gemv:") + (ternary_ ? "ternary" : "int8") + ":" + std::to_string(r_) + "x" + std::to_string(c_) + (v_ > 1 ? "x" + std::to_string(v_) : "");
    m.useful_macs = double(r_) * c_ * v_;
    m.expected_mmas = double((r_ + 15) / 16) * ((c_ + 15) / 16);
    m.min_dram_bytes = double(w_.size()) + double(x_.size()) + 4.0 * r_ * v_;
    m.peak_macs_per_cycle = peak_;
    m.usable_fraction = v_ / 16.0;  // one tile column per vector
    return m;
  }

  std::vector<Tensor> tensors() const override {
    std::vector<Tensor> t;
    if (ternary_) t.push_back({"W_ternary_packed", w_addr_, "|u1", {r_, (c_ + 3) / 4}});
    else t.push_back({"W", w_addr_, "|i1", {r_, c_}});
    t.push_back({"X", x_addr_, "|i1", {v_, c_}});
    t.push_back({"Y", y_addr_, "<i4", {r_, v_}});
    return t;
  }

 private:
  uint32_t r_, c_, v_;
  bool ternary_;
  double peak_;
  std::vector<uint8_t> w_;
  std::vector<int8_t> x_;
  uint32_t w_addr_ = 0, x_addr_ = 0, y_addr_ = 0;
};

}  // namespace

WL_REGISTER((WorkloadKind{"gemv", WL_GEMV, WL_GEMV_MIN_TILE_REGS, WL_GEMV_MIN_SPAD_KIB, "--rows R --cols C [--vectors V] [--dtype int8|ternary]", "Y = W x X^T for V = 1..16 vectors (defaults 4000 x 12000, V = 1)", {{"rows", "GEMV rows of W"}, {"cols", "GEMV columns of W"}, {"vectors", "GEMV batch (1 = plain GEMV)"}, {"dtype", "gemv: int8 | ternary (W)"}},
                          [](const Options& o, const cfg::HwConfig& chip) -> std::unique_ptr<Workload> { return std::make_unique<Gemv>(o, chip); }}));

}  // namespace wl
