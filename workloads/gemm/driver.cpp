// Host driver of workloads/gemm.c (and gemm_s4.c): C = A x B^T, int8 A with int8 or
// ternary B, or int4 A and B; int32 or requantized int8 C.
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
#include "workloads/gemm/args.h"

namespace wl {
namespace {

class Gemm final : public Workload {
 public:
  Gemm(const Options& o, const cfg::HwConfig& chip) {
    m_ = opt_u32(o, "m", 256, 1, kMaxDim);
    n_ = opt_u32(o, "n", 256, 1, kMaxDim);
    k_ = opt_u32(o, "k", 256, 1, kMaxDim);
    const std::string dtype = opt_choice(o, "dtype", "int8", {"int8", "ternary", "int4"});
    ternary_ = dtype == "ternary";
    int4_ = dtype == "int4";
    requant_ = opt_flag(o, "requant");
    if (!requant_ && (o.count("scale") || o.count("shift")))
      throw ParamError(std::string("--") + (o.count("scale") ? "scale" : "shift") + " applies only with --requant");
    scale_ = opt_u32(o, "scale", 1, 1, 1u << 30);
    shift_ = opt_u32(o, "shift", recipe::gemm_requant_shift(dtype), 0, 62);
    const std::string sched = opt_choice(o, "schedule", "auto", {"auto", "tiles", "block"});
    schedule_ = sched == "tiles" ? 1u : sched == "block" ? 2u : 0u;
    peak_ = peak_int8_macs(chip) * (ternary_ ? chip.tile.mac.rate(isa::Format::Ternary) : int4_ ? chip.tile.mac.rate(isa::Format::Int4) : 1);
  }
  std::string kernel() const override { return int4_ ? "gemm_s4" : "gemm"; }
  /// Bytes of one row of A and of B.
  uint64_t arow() const { return int4_ ? (uint64_t(k_) + 1) / 2 : k_; }
  uint64_t brow() const { return ternary_ ? (uint64_t(k_) + 3) / 4 : arow(); }
  std::vector<std::pair<std::string, uint64_t>> buffers() const override {
    return {{"A", uint64_t(m_) * arow()}, {"B", n_ * brow()}, {"C", uint64_t(m_) * n_ * (requant_ ? 1 : 4)}};
  }

  ArgBlock prepare(Memory& mem, uint64_t seed) override {
    const size_t brow = this->brow();
    recipe::Gemm in = recipe::gemm(m_, n_, k_, ternary_ ? "ternary" : int4_ ? "int4" : "int8", seed);
    a_ = std::move(in.a);
    b_ = std::move(in.b);
    a4_ = std::move(in.a4);
    bt_ = std::move(in.bt);
    a_addr_ = mem.alloc(size_t(m_) * arow(), "A");
    b_addr_ = mem.alloc(size_t(n_) * brow, "B");
    c_addr_ = mem.alloc(size_t(m_) * n_ * (requant_ ? 1 : 4), "C");
    std::memcpy(mem.at(a_addr_), int4_ ? static_cast<const void*>(a4_.data()) : a_.data(), size_t(m_) * arow());
    std::memcpy(mem.at(b_addr_), ternary_ || int4_ ? static_cast<const void*>(bt_.data()) : b_.data(), size_t(n_) * brow);
    std::memset(mem.at(c_addr_), 0xa5, size_t(m_) * n_ * (requant_ ? 1 : 4));  // poison: every element must be written
    return arg_block(WL_GEMM, wl_gemm_args{m_, n_, k_, a_addr_, b_addr_, c_addr_, ternary_ ? 1u : int4_ ? 2u : 0u, requant_ ? 1u : 0u, scale_, shift_, schedule_});
  }

  std::string check(Memory& mem) override {
    const std::vector<int32_t> want = ternary_ ? golden::gemm_t2(a_, bt_, m_, n_, k_)
                                      : int4_  ? golden::gemm_s4(a4_, bt_, m_, n_, k_)
                                               : golden::gemm_i8(a_, b_, m_, n_, k_);
    uint64_t bad = 0;
    std::ostringstream first;
    for (uint32_t i = 0; i < m_; ++i)
      for (uint32_t j = 0; j < n_; ++j) {
        const size_t e = size_t(i) * n_ + j;
        int32_t got, exp = want[e];
        if (requant_) {
          got = static_cast<int8_t>(mem.at(c_addr_)[e]);
          exp = golden::requant(exp, static_cast<int32_t>(scale_), shift_);
        } else {
          std::memcpy(&got, mem.at(c_addr_) + 4 * e, 4);
        }
        if (got != exp && bad++ == 0) first << "C[" << i << "][" << j << "] = " << got << ", expected " << exp;
      }
    if (!bad) return "";
    return std::to_string(bad) + " of " + std::to_string(uint64_t(m_) * n_) + " elements differ; first: " + first.str();
  }

  WorkMetrics metrics() const override {
    WorkMetrics w;
    std::ostringstream d;
    d << "gemm " << (ternary_ ? "ternary" : int4_ ? "int4" : "int8") << " " << m_ << "x" << n_ << "x" << k_ << (requant_ ? " -> int8" : " -> int32");
    w.description = d.str();
    w.key = std::string("gemm:") + (ternary_ ? "ternary" : int4_ ? "int4" : "int8") + ":" + std::to_string(m_) + "x" + std::to_string(n_) + "x" +
            std::to_string(k_) + (requant_ ? ":requant" : "");
    w.useful_macs = double(m_) * n_ * k_;
    const uint32_t kdepth = int4_ ? 32 : 16;  // k of one MMA (isa/formats.def)
    w.expected_mmas = double((m_ + 15) / 16) * ((n_ + 15) / 16) * ((k_ + kdepth - 1) / kdepth);
    w.min_dram_bytes = double(m_) * arow() + double(n_) * brow() + double(m_) * n_ * (requant_ ? 1 : 4);
    w.peak_macs_per_cycle = peak_;
    return w;
  }

  std::vector<Tensor> tensors() const override {
    std::vector<Tensor> t;
    if (int4_) t.push_back({"A_int4_packed", a_addr_, "|u1", {m_, uint32_t(arow())}});
    else t.push_back({"A", a_addr_, "|i1", {m_, k_}});
    if (ternary_) t.push_back({"B_ternary_packed", b_addr_, "|u1", {n_, (k_ + 3) / 4}});
    else if (int4_) t.push_back({"B_int4_packed", b_addr_, "|u1", {n_, uint32_t(brow())}});
    else t.push_back({"B", b_addr_, "|i1", {n_, k_}});
    t.push_back({"C", c_addr_, requant_ ? "|i1" : "<i4", {m_, n_}});
    return t;
  }

 private:
  uint32_t m_, n_, k_, scale_, shift_;
  bool ternary_, int4_, requant_;
  uint32_t schedule_ = 0;
  double peak_;
  std::vector<int8_t> a_, b_;
  std::vector<uint8_t> bt_, a4_;  // packed ternary or int4 B; packed int4 A
  uint32_t a_addr_ = 0, b_addr_ = 0, c_addr_ = 0;
};

}  // namespace

WL_REGISTER((WorkloadKind{"gemm", WL_GEMM, WL_GEMM_MIN_TILE_REGS, WL_GEMM_MIN_SPAD_KIB, "--m M --n N --k K [--dtype int8|ternary|int4] [--requant [--scale S --shift N]] [--schedule auto|tiles|block]", "C = A x B^T (defaults 256^3)", {{"m", "GEMM rows of A and C"}, {"n", "GEMM columns of C (rows of B)"}, {"k", "GEMM reduction length"}, {"dtype", "gemm: int8 | ternary (B) | int4 (A and B)"}, {"requant", "GEMM: int8 output requantized with --scale/--shift", true}, {"scale", "requantization multiplier"}, {"shift", "requantization right shift"}, {"schedule", "gemm: auto (the chip decides) | tiles (tile by tile) | block (xt.mma.blk)"}},
                          [](const Options& o, const cfg::HwConfig& chip) -> std::unique_ptr<Workload> { return std::make_unique<Gemm>(o, chip); }}));

}  // namespace wl
