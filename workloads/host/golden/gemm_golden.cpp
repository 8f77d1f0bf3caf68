#include <algorithm>

#include "workloads/host/golden/golden.h"
#include "workloads/host/golden/int8_gemm.h"

namespace golden {

std::vector<int32_t> gemm_i8(const std::vector<int8_t>& a, const std::vector<int8_t>& b, uint32_t m, uint32_t n, uint32_t k) {
  std::vector<int32_t> c(size_t(m) * n);
  gemm_i8_into(a.data(), k, b.data(), k, m, n, k, c.data(), n);
  return c;
}

std::vector<int32_t> gemm_t2(const std::vector<int8_t>& a, const std::vector<uint8_t>& b, uint32_t m, uint32_t n, uint32_t k) {
  const std::vector<int8_t> w = unpack_ternary(b, n, k);
  std::vector<int32_t> c(size_t(m) * n);
  gemm_i8_into(a.data(), k, w.data(), k, m, n, k, c.data(), n);
  return c;
}

std::vector<int32_t> gemm_s4(const std::vector<uint8_t>& a, const std::vector<uint8_t>& b, uint32_t m, uint32_t n, uint32_t k) {
  const std::vector<int8_t> x = unpack_int4(a, m, k), w = unpack_int4(b, n, k);
  std::vector<int32_t> c(size_t(m) * n);
  gemm_i8_into(x.data(), k, w.data(), k, m, n, k, c.data(), n);
  return c;
}

std::vector<int32_t> gemm_s4_ref(const std::vector<uint8_t>& a, const std::vector<uint8_t>& b, uint32_t m, uint32_t n, uint32_t k) {
  const uint32_t row = (k + 1) / 2;
  std::vector<int32_t> c(size_t(m) * n);
  for (uint32_t i = 0; i < m; ++i)
    for (uint32_t j = 0; j < n; ++j) {
      int64_t s = 0;
      for (uint32_t x = 0; x < k; ++x) s += int4(&a[size_t(i) * row], x) * int4(&b[size_t(j) * row], x);
      c[size_t(i) * n + j] = static_cast<int32_t>(static_cast<uint32_t>(s));
    }
  return c;
}

std::vector<int32_t> gemm_i8_ref(const std::vector<int8_t>& a, const std::vector<int8_t>& b, uint32_t m, uint32_t n, uint32_t k) {
  std::vector<int32_t> c(size_t(m) * n);
  for (uint32_t i = 0; i < m; ++i)
    for (uint32_t j = 0; j < n; ++j) {
      int64_t s = 0;
      const int8_t* ar = &a[size_t(i) * k];
      const int8_t* br = &b[size_t(j) * k];
      for (uint32_t x = 0; x < k; ++x) s += int32_t(ar[x]) * br[x];
      c[size_t(i) * n + j] = static_cast<int32_t>(static_cast<uint32_t>(s));  // int32 wrap-around
    }
  return c;
}

std::vector<int32_t> gemm_t2_ref(const std::vector<int8_t>& a, const std::vector<uint8_t>& b, uint32_t m, uint32_t n, uint32_t k) {
  const uint32_t row = (k + 3) / 4;
  std::vector<int32_t> c(size_t(m) * n);
  for (uint32_t i = 0; i < m; ++i)
    for (uint32_t j = 0; j < n; ++j) {
      int64_t s = 0;
      for (uint32_t x = 0; x < k; ++x) s += int32_t(a[size_t(i) * k + x]) * ternary(b[size_t(j) * row + x / 4], x);
      c[size_t(i) * n + j] = static_cast<int32_t>(static_cast<uint32_t>(s));
    }
  return c;
}

std::vector<int32_t> gemv(const std::vector<uint8_t>& w, const std::vector<int8_t>& x, uint32_t rows, uint32_t cols, uint32_t vectors,
                          bool ternary) {
  if (!ternary) return gemm_i8(std::vector<int8_t>(w.begin(), w.end()), x, rows, vectors, cols);
  const std::vector<int32_t> t = gemm_t2(x, w, vectors, rows, cols);  // (X W^T) is [V][R]
  std::vector<int32_t> y(size_t(rows) * vectors);
  for (uint32_t v = 0; v < vectors; ++v)
    for (uint32_t r = 0; r < rows; ++r) y[size_t(r) * vectors + v] = t[size_t(v) * rows + r];
  return y;
}

int8_t requant(int32_t x, int32_t scale, uint32_t shift) {
  const int64_t p = int64_t(x) * scale;
  int64_t q;
  if (shift == 0) {
    q = p;
  } else {
    const int64_t mag = p < 0 ? -p : p;
    q = (mag + (int64_t(1) << (shift - 1))) >> shift;  // half away from zero on the magnitude
    if (p < 0) q = -q;
  }
  return static_cast<int8_t>(std::clamp<int64_t>(q, -128, 127));
}

}  // namespace golden
