#include "workloads/host/recipes.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>

#include "workloads/host/golden/parallel.h"
#include "workloads/host/inputs.h"

namespace wl::recipe {

Gemm gemm(uint32_t m, uint32_t n, uint32_t k, const std::string& dtype, uint64_t seed) {
  Gemm g;
  if (dtype == "int4") {
    g.a4.resize(size_t(m) * ((uint64_t(k) + 1) / 2));
    fill_int4(g.a4.data(), m, k, 3.0, seed, 0);
    g.bt.resize(size_t(n) * ((uint64_t(k) + 1) / 2));
    fill_int4(g.bt.data(), n, k, 3.0, seed, 1);
    return g;
  }
  g.a.resize(size_t(m) * k);
  fill_normal_i8(g.a.data(), g.a.size(), 40, -128, 127, seed, 0);
  if (dtype == "ternary") {
    g.bt.resize(size_t(n) * ((uint64_t(k) + 3) / 4));
    fill_ternary(g.bt.data(), n, k, seed, 1);
  } else {
    g.b.resize(size_t(n) * k);
    fill_normal_i8(g.b.data(), g.b.size(), 30, -128, 127, seed, 1);
  }
  return g;
}

Gemv gemv(uint32_t rows, uint32_t cols, uint32_t vectors, bool ternary, uint64_t seed) {
  Gemv g;
  const uint64_t wrow = ternary ? (uint64_t(cols) + 3) / 4 : cols;
  g.w.resize(size_t(rows) * wrow);
  if (ternary) fill_ternary(g.w.data(), rows, cols, seed, 0);
  else fill_normal_i8(reinterpret_cast<int8_t*>(g.w.data()), g.w.size(), 30, -128, 127, seed, 0);
  g.x.resize(size_t(vectors) * cols);
  fill_normal_i8(g.x.data(), g.x.size(), 30, -128, 127, seed, 1);
  return g;
}

Attention attention_params(uint32_t seq, uint32_t dim, bool causal) {
  Attention a;
  a.qk_scale = (1.0 / 32) * (1.0 / 32) / std::sqrt(double(dim));
  a.c = static_cast<int32_t>(std::lround(std::log2(std::exp(1.0)) * a.qk_scale * 4294967296.0));
  a.gain = causal ? 1.0 : std::max(1.0, std::exp2(std::floor(std::log2(std::sqrt(double(seq)) / 4))));
  a.out_mul = static_cast<int32_t>(std::lround(a.gain * double(1 << 24) / 255.0));
  return a;
}

Attention attention(uint32_t batch, uint32_t heads, uint32_t seq, uint32_t dim, bool causal, uint64_t seed) {
  Attention a = attention_params(seq, dim, causal);
  const size_t n = size_t(batch) * heads * seq * dim;
  uint64_t stream = 0;
  for (auto* t : {&a.q, &a.k, &a.v}) {
    t->resize(n);
    fill_normal_i8(t->data(), n, 30, -127, 127, seed, stream++);
  }
  return a;
}

namespace {
/// Weights ~ N(0, 0.02), drawn as integers in units of 0.02 / 1024 (so beta's sum is exact),
/// absmean-quantized to ternary (w_t = clip(round(w / beta), -1, 1), beta = mean |w|).
TernaryLayer make_layer(uint32_t in, uint32_t out, uint64_t seed, uint64_t stream) {
  constexpr double kUnit = 0.02 / 1024;
  std::vector<int32_t> w(size_t(in) * out);
  fill_normal_i32(w.data(), w.size(), 1024, seed, stream);
  int64_t sum = 0;
  for (int32_t v : w) sum += v < 0 ? -v : v;
  TernaryLayer l;
  const double beta_units = std::max(1.0, double(sum) / double(w.size()));
  l.beta = beta_units * kUnit;
  l.k = static_cast<int32_t>(std::lround(l.beta * double(1 << 24) / 127.0));
  const uint32_t row = (in + 3) / 4;
  l.packed.assign(size_t(out) * row, 0);
  golden::parallel_for(out, [&](uint64_t o) {
    for (uint32_t i = 0; i < in; ++i) {  // +-1 where |w| >= beta / 2
      const int32_t v = w[o * in + i];
      const unsigned code = 2.0 * std::abs(v) < beta_units ? 0u : v > 0 ? 1u : 3u;
      l.packed[o * row + i / 4] |= static_cast<uint8_t>(code << (2 * (i % 4)));
    }
  });
  return l;
}
}  // namespace

Bitnet bitnet(uint32_t tokens, uint32_t in, uint32_t hidden, uint32_t out, uint32_t layers, uint64_t seed) {
  Bitnet b;
  b.x.resize(size_t(tokens) * in);
  fill_normal_i32(b.x.data(), b.x.size(), 256, seed, 0);  // N(0, 1) in Q8
  b.l1 = make_layer(in, layers == 2 ? hidden : out, seed, 1);
  if (layers == 2) b.l2 = make_layer(hidden, out, seed, 2);
  return b;
}

}  // namespace wl::recipe
