#include "workloads/host/recipes.h"

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

}  // namespace wl::recipe
