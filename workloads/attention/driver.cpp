// Host driver of workloads/attention.c: flash-attention forward on int8 Q/K/V.
// Inputs are int8 with scale 1/32 (about N(0, 1) in real units). The output is int8 with gain g:
// O = o * g in V's integer units, g = 2^floor(log2(sqrt(seq) / 4)) (at least 1; 1 with the causal
// mask, whose first rows average over a few keys only), because an
// average over many keys is narrower than V and would otherwise use a few int8 codes.
// Checked bit for bit against the integer golden model and, for the error report, against
// float64 attention on the same int8 inputs.
#include <algorithm>
#include <cmath>
#include <cstring>
#include <sstream>

#include "workloads/attention/golden.h"
#include "workloads/host/golden/golden.h"
#include "workloads/host/options.h"
#include "workloads/host/recipes.h"
#include "workloads/host/workload.h"
#include "workloads/common/wl_args.h"
#include "workloads/attention/args.h"

namespace wl {
namespace {

class Attention final : public Workload {
 public:
  static constexpr uint32_t kMaxSeq = 32767;  ///< the Q16 row sum l wraps at 2^15 keys
  Attention(const Options& o, const cfg::HwConfig& chip) {
    s_.batch = opt_u32(o, "batch", 1, 1, 1024);
    s_.heads = opt_u32(o, "heads", 1, 1, 1024);
    s_.seq = opt_u32(o, "seq", 256, 1, kMaxDim);
    if (s_.seq > kMaxSeq)
      throw ParamError("--seq " + std::to_string(s_.seq) + ": at most " + std::to_string(kMaxSeq) +
                       ": the fixed-point softmax's row sum l (Q16, up to 1.0 per key) wraps at 32,768 keys (docs/workloads.md)");
    s_.dim = opt_u32(o, "head-dim", 64, 1, 1024);
    if (s_.dim != 64 && s_.dim != 128) throw ParamError("--head-dim " + std::to_string(s_.dim) + ": the attention kernel supports 64 and 128");
    s_.causal = opt_flag(o, "causal");
    peak_ = peak_int8_macs(chip);
    const recipe::Attention p = recipe::attention_params(s_.seq, s_.dim, s_.causal);
    qk_scale_ = p.qk_scale, c_ = p.c, gain_ = p.gain, out_mul_ = p.out_mul;
  }
  std::string kernel() const override { return "attention"; }
  std::vector<std::pair<std::string, uint64_t>> buffers() const override {
    const uint64_t n = uint64_t(s_.batch) * s_.heads * s_.seq * s_.dim;
    return {{"Q", n}, {"K", n}, {"V", n}, {"O", n}};
  }

  ArgBlock prepare(Memory& mem, uint64_t seed) override {
    const size_t n = size_t(s_.batch) * s_.heads * s_.seq * s_.dim;
    recipe::Attention in = recipe::attention(s_.batch, s_.heads, s_.seq, s_.dim, s_.causal, seed);
    q_ = std::move(in.q), k_ = std::move(in.k), v_ = std::move(in.v);
    auto put = [&](const std::vector<int8_t>& t, const char* what) {
      const uint32_t a = mem.alloc(t.size(), what);
      std::memcpy(mem.at(a), t.data(), t.size());
      return a;
    };
    qa_ = put(q_, "Q");
    ka_ = put(k_, "K");
    va_ = put(v_, "V");
    oa_ = mem.alloc(n, "O");
    std::memset(mem.at(oa_), 0x5a, n);
    return arg_block(WL_ATTENTION, wl_attention_args{s_.batch, s_.heads, s_.seq, s_.dim, qa_, ka_, va_, oa_, s_.causal ? 1u : 0u, c_,
                                                     out_mul_, 24});
  }

  std::string check(Memory& mem) override {
    std::vector<int8_t> want;
    std::vector<double> ref;
    golden::attention_both(s_, q_, k_, v_, c_, out_mul_, 24, qk_scale_, want, ref);
    uint64_t bad = 0;
    std::ostringstream first;
    double lo = 1e300, hi = -1e300;
    max_err_ = 0;
    for (size_t e = 0; e < want.size(); ++e) {
      const int8_t got = static_cast<int8_t>(mem.at(oa_)[e]);
      if (got != want[e] && bad++ == 0) first << "O[" << e << "] = " << int(got) << ", expected " << int(want[e]);
      lo = std::min(lo, ref[e]);
      hi = std::max(hi, ref[e]);
      max_err_ = std::max(max_err_, std::fabs(double(got) / gain_ - ref[e]));
    }
    range_ = hi - lo;
    if (bad) return std::to_string(bad) + " of " + std::to_string(want.size()) + " elements differ from the integer golden model; first: " + first.str();
    return "";
  }

  WorkMetrics metrics() const override {
    WorkMetrics m;
    std::ostringstream d;
    d << "attention " << s_.batch << "x" << s_.heads << " heads, seq " << s_.seq << ", dim " << s_.dim << (s_.causal ? ", causal" : "");
    m.description = d.str();
    m.key = "attention:int8:" + std::to_string(s_.batch) + "x" + std::to_string(s_.heads) + "x" + std::to_string(s_.seq) + "x" + std::to_string(s_.dim) +
            (s_.causal ? ":causal" : "");
    // Two GEMMs per (query, key) pair: Q K^T and P V; causal halves the pairs (plus the diagonal).
    const double pairs = s_.causal ? double(s_.seq) * (s_.seq + 1) / 2 : double(s_.seq) * s_.seq;
    m.useful_macs = 2.0 * pairs * s_.dim * s_.batch * s_.heads;
    {
      const double qb = std::ceil(s_.seq / 16.0), blocks = s_.causal ? qb * (qb + 1) / 2 : qb * qb;
      m.expected_mmas = double(s_.batch) * s_.heads * blocks * 2 * (s_.dim / 16);  // S and P V per key block
    }
    m.min_dram_bytes = 4.0 * double(s_.batch) * s_.heads * s_.seq * s_.dim;
    m.peak_macs_per_cycle = peak_;
    if (range_ > 0) {
      m.extra.push_back({"error_vs_float_max_abs", "max abs error vs float64", max_err_, "(V units)"});
      m.extra.push_back({"error_vs_float_pct_of_range", "  as % of output range", 100.0 * max_err_ / range_, "%"});
      m.extra.push_back({"output_gain", "output gain (O = o x gain)", gain_, ""});
    }
    return m;
  }

  std::vector<Tensor> tensors() const override {
    const std::vector<uint64_t> shape{s_.batch, s_.heads, s_.seq, s_.dim};
    return {{"Q", qa_, "|i1", shape}, {"K", ka_, "|i1", shape}, {"V", va_, "|i1", shape}, {"O", oa_, "|i1", shape}};
  }

 private:
  golden::AttentionShape s_{};
  double peak_, qk_scale_, gain_;
  int32_t c_, out_mul_;
  std::vector<int8_t> q_, k_, v_;
  uint32_t qa_ = 0, ka_ = 0, va_ = 0, oa_ = 0;
  double max_err_ = 0, range_ = 0;
};

}  // namespace

WL_REGISTER((WorkloadKind{"attention", WL_ATTENTION, WL_ATTENTION_MIN_TILE_REGS, WL_ATTENTION_MIN_SPAD_KIB, "[--batch B --heads H --seq S --head-dim 64|128] [--causal]", "flash-attention forward, int8 Q/K/V/O (defaults 1 x 1, seq 256, dim 64)", {{"batch", "attention batch"}, {"heads", "attention heads"}, {"seq", "attention sequence length"}, {"head-dim", "attention head dimension (64 or 128)"}, {"causal", "attention: causal mask", true}},
                          [](const Options& o, const cfg::HwConfig& chip) -> std::unique_ptr<Workload> { return std::make_unique<Attention>(o, chip); }}));

}  // namespace wl
