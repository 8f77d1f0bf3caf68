// Host driver of workloads/bitnet.c: a BitNet b1.58 linear layer or two-layer MLP.
// Weights are real numbers quantized here the BitNet way (absmean: w_t = clip(round(w / beta),
// -1, 1), beta = mean |w|); activations are real numbers in Q8.
#include <algorithm>
#include <cmath>
#include <cstring>
#include <sstream>

#include "workloads/bitnet/golden.h"
#include "workloads/host/golden/golden.h"
#include "workloads/host/recipes.h"
#include "workloads/host/options.h"
#include "workloads/host/workload.h"
#include "workloads/common/wl_args.h"
#include "workloads/bitnet/args.h"

namespace wl {
namespace {

using recipe::TernaryLayer;

class Bitnet final : public Workload {
 public:
  Bitnet(const Options& o, const cfg::HwConfig& chip) {
    t_ = opt_u32(o, "tokens", 64, 1, kMaxDim);
    i_ = opt_u32(o, "in-features", 1024, 1, kMaxDim);
    o_ = opt_u32(o, "out-features", 1024, 1, kMaxDim);
    h_ = opt_u32(o, "hidden", 2048, 1, kMaxDim);
    layers_ = opt_u32(o, "layers", 2, 1, 2);
    peak_ = peak_int8_macs(chip) * chip.tile.mac.rate(isa::Format::Ternary);
  }
  std::string kernel() const override { return "bitnet"; }
  std::vector<std::pair<std::string, uint64_t>> buffers() const override {
    const uint64_t t = t_, first_out = layers_ == 2 ? h_ : o_;
    std::vector<std::pair<std::string, uint64_t>> b{{"X", t * i_ * 4}, {"W1", first_out * ((i_ + 3) / 4)}};
    if (layers_ == 2) b.insert(b.end(), {{"W2", uint64_t(o_) * ((h_ + 3) / 4)}, {"Y1", t * h_ * 4}});
    b.insert(b.end(), {{"Y", t * o_ * 4}, {"quantized activations", t * std::max(i_, h_)}, {"absmax scratch", amax_bytes()}});
    return b;
  }

  ArgBlock prepare(Memory& mem, uint64_t seed) override {
    recipe::Bitnet in = recipe::bitnet(t_, i_, h_, o_, layers_, seed);
    x_ = std::move(in.x), l1_ = std::move(in.l1), l2_ = std::move(in.l2);
    auto put = [&](const void* p, size_t n, const char* what) {
      const uint32_t a = mem.alloc(n, what);
      std::memcpy(mem.at(a), p, n);
      return a;
    };
    x_addr_ = put(x_.data(), x_.size() * 4, "X");
    w1_addr_ = put(l1_.packed.data(), l1_.packed.size(), "W1");
    w2_addr_ = layers_ == 2 ? put(l2_.packed.data(), l2_.packed.size(), "W2") : 0;
    y1_addr_ = layers_ == 2 ? mem.alloc(size_t(t_) * h_ * 4, "Y1") : 0;
    y_addr_ = mem.alloc(size_t(t_) * o_ * 4, "Y");
    std::memset(mem.at(y_addr_), 0xa5, size_t(t_) * o_ * 4);
    xq_addr_ = mem.alloc(size_t(t_) * std::max(i_, h_), "quantized activations");
    const uint32_t amax_addr = mem.alloc(amax_bytes(), "absmax scratch");
    return arg_block(WL_BITNET, wl_bitnet_args{t_, i_, h_, o_, x_addr_, w1_addr_, w2_addr_, uint32_t(l1_.k), uint32_t(l2_.k),
                                               y1_addr_, y_addr_, xq_addr_, layers_, amax_addr});
  }

  std::string check(Memory& mem) override {
    std::vector<int32_t> want;
    if (layers_ == 2) {
      const auto h = golden::bitnet_linear(x_, l1_.packed, t_, i_, h_, l1_.k, true);
      want = golden::bitnet_linear(h, l2_.packed, t_, h_, o_, l2_.k, false);
    } else {
      want = golden::bitnet_linear(x_, l1_.packed, t_, i_, o_, l1_.k, false);
    }
    return compare_i32(mem.at(y_addr_), want, o_, "Y");
  }

  WorkMetrics metrics() const override {
    WorkMetrics m;
    std::ostringstream d;
    d << "bitnet " << (layers_ == 2 ? "mlp " : "linear ") << t_ << " tokens " << i_;
    if (layers_ == 2) d << "->" << h_;
    d << "->" << o_;
    m.description = d.str();
    m.key = "bitnet:ternary:" + std::to_string(t_) + "x" + std::to_string(i_) + (layers_ == 2 ? "x" + std::to_string(h_) : "") + "x" + std::to_string(o_);
    const double macs = layers_ == 2 ? double(t_) * i_ * h_ + double(t_) * h_ * o_ : double(t_) * i_ * o_;
    m.useful_macs = macs;
    auto tiles = [](double a, double b, double c) { return std::ceil(a / 16) * std::ceil(b / 16) * std::ceil(c / 16); };
    m.expected_mmas = layers_ == 2 ? tiles(t_, i_, h_) + tiles(t_, h_, o_) : tiles(t_, i_, o_);
    m.min_dram_bytes = double(x_.size()) * 4 + double(l1_.packed.size() + l2_.packed.size()) + double(t_) * o_ * 4;
    m.peak_macs_per_cycle = peak_;
    return m;
  }

  std::vector<Tensor> tensors() const override {
    std::vector<Tensor> t{{"X_q8", x_addr_, "<i4", {t_, i_}},
                          {"W1_ternary_packed", w1_addr_, "|u1", {layers_ == 2 ? h_ : o_, (i_ + 3) / 4}}};
    if (layers_ == 2) t.push_back({"W2_ternary_packed", w2_addr_, "|u1", {o_, (h_ + 3) / 4}});
    t.push_back({"Y_q8", y_addr_, "<i4", {t_, o_}});
    return t;
  }

 private:
  /// The block schedule's absmax tiles (kernel.c, bitnet_blocked.h: BQ_SLOTS): per 16-token block,
  /// one 1 KiB tile per 256-column range of the widest layer input, and the absmax.
  uint64_t amax_bytes() const { return uint64_t(t_ + 15) / 16 * ((std::max(i_, h_) + 255) / 256 + 1) * 1024; }
  uint32_t t_, i_, o_, h_, layers_;
  double peak_;
  std::vector<int32_t> x_;
  TernaryLayer l1_, l2_;
  uint32_t x_addr_ = 0, w1_addr_ = 0, w2_addr_ = 0, y1_addr_ = 0, y_addr_ = 0, xq_addr_ = 0;
};

}  // namespace

WL_REGISTER((WorkloadKind{"bitnet", WL_BITNET, WL_BITNET_MIN_TILE_REGS, WL_BITNET_MIN_SPAD_KIB, "[--tokens T --in-features I --out-features O] [--layers 1|2 [--hidden H]]", "BitNet b1.58 linear layer or two-layer ternary MLP (defaults 64 tokens, 1024->2048->1024)", {{"tokens", "BitNet tokens"}, {"in-features", "BitNet input features"}, {"out-features", "BitNet output features"}, {"hidden", "BitNet MLP hidden features"}, {"layers", "BitNet: 1 linear layer or 2 (MLP)"}},
                          [](const Options& o, const cfg::HwConfig& chip) -> std::unique_ptr<Workload> { return std::make_unique<Bitnet>(o, chip); }}));

}  // namespace wl
