#include "workloads/host/inputs.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <vector>

#include "workloads/host/golden/parallel.h"

namespace wl {
namespace {

inline uint64_t splitmix(uint64_t x) {
  x += 0x9e3779b97f4a7c15ull;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ull;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebull;
  return x ^ (x >> 31);
}
/// 64 random bits for word w of (seed, stream).
inline uint64_t bits(uint64_t seed, uint64_t stream, uint64_t w) { return splitmix(splitmix(seed ^ (stream << 56)) + w); }

/// table[u] for a uniform 16-bit u: the value v whose CDF interval [F(v - 1/2), F(v + 1/2))
/// holds (u + 1/2) / 2^16, for round(N(0, sigma)) clamped to [lo, hi].
std::vector<int32_t> normal_table(double sigma, int64_t lo, int64_t hi) {
  std::vector<int32_t> t(65536);
  int64_t v = lo;
  auto cdf_upper = [&](int64_t x) { return x >= hi ? 2.0 : 0.5 * std::erfc(-(double(x) + 0.5) / (sigma * std::sqrt(2.0))); };
  double upper = cdf_upper(v);
  for (uint32_t u = 0; u < 65536; ++u) {
    const double p = (u + 0.5) / 65536.0;
    while (p >= upper) upper = cdf_upper(++v);
    t[u] = static_cast<int32_t>(v);
  }
  return t;
}

constexpr uint64_t kChunk = 1 << 16;  // words of 64 bits per work item

}  // namespace

void fill_normal_i8(int8_t* out, uint64_t n, double sigma, int lo, int hi, uint64_t seed, uint64_t stream) {
  const std::vector<int32_t> t32 = normal_table(sigma, lo, hi);
  int8_t t[65536];
  for (uint32_t u = 0; u < 65536; ++u) t[u] = static_cast<int8_t>(t32[u]);
  const uint64_t words = (n + 3) / 4;
  golden::parallel_for((words + kChunk - 1) / kChunk, [&](uint64_t c) {
    const uint64_t w1 = std::min(words, (c + 1) * kChunk);
    for (uint64_t w = c * kChunk; w < w1; ++w) {
      const uint64_t r = bits(seed, stream, w), i = 4 * w;
      if (i + 4 <= n) {
        out[i] = t[r & 0xffff];
        out[i + 1] = t[(r >> 16) & 0xffff];
        out[i + 2] = t[(r >> 32) & 0xffff];
        out[i + 3] = t[r >> 48];
      } else {
        for (uint64_t e = 0; i + e < n; ++e) out[i + e] = t[(r >> (16 * e)) & 0xffff];
      }
    }
  });
}

void fill_normal_i32(int32_t* out, uint64_t n, double sigma, uint64_t seed, uint64_t stream) {
  const int64_t span = static_cast<int64_t>(std::ceil(sigma * 6)) + 1;
  const std::vector<int32_t> t = normal_table(sigma, -span, span);
  const uint64_t words = (n + 3) / 4;
  golden::parallel_for((words + kChunk - 1) / kChunk, [&](uint64_t c) {
    const uint64_t w1 = std::min(words, (c + 1) * kChunk);
    for (uint64_t w = c * kChunk; w < w1; ++w) {
      const uint64_t r = bits(seed, stream, w), i = 4 * w;
      for (uint64_t e = 0; e < 4 && i + e < n; ++e) out[i + e] = t[(r >> (16 * e)) & 0xffff];
    }
  });
}

void fill_ternary(uint8_t* out, uint32_t rows, uint32_t k, uint64_t seed, uint64_t stream) {
  // Two random bits per weight: 0 -> -1 (code 3), 3 -> +1 (code 1), 1 and 2 -> 0.
  uint8_t code_of[256];
  for (unsigned b = 0; b < 256; ++b) {
    unsigned packed = 0;
    for (unsigned e = 0; e < 4; ++e) {
      const unsigned r = (b >> (2 * e)) & 3;
      packed |= (r == 0 ? 3u : r == 3 ? 1u : 0u) << (2 * e);
    }
    code_of[b] = static_cast<uint8_t>(packed);
  }
  const uint64_t prow = (uint64_t(k) + 3) / 4;
  const uint8_t tail_mask = k % 4 ? static_cast<uint8_t>((1u << (2 * (k % 4))) - 1) : 0xff;
  golden::parallel_for(rows, [&](uint64_t row) {
    uint8_t* o = out + row * prow;
    for (uint64_t x = 0; x < prow; x += 8) {
      const uint64_t r = bits(seed, stream, row * ((prow + 7) / 8) + x / 8);
      for (uint64_t e = 0; e < 8 && x + e < prow; ++e) o[x + e] = code_of[(r >> (8 * e)) & 0xff];
    }
    o[prow - 1] &= tail_mask;
  });
}

void fill_int4(uint8_t* out, uint32_t rows, uint32_t k, double sigma, uint64_t seed, uint64_t stream) {
  const uint64_t prow = (uint64_t(k) + 1) / 2;
  std::vector<int8_t> v(uint64_t(rows) * k);
  fill_normal_i8(v.data(), v.size(), sigma, -8, 7, seed, stream);
  for (uint64_t r = 0; r < rows; ++r) {
    uint8_t* o = out + r * prow;
    std::memset(o, 0, prow);
    for (uint32_t x = 0; x < k; ++x) o[x / 2] |= static_cast<uint8_t>((v[r * k + x] & 15) << (4 * (x % 2)));
  }
}

}  // namespace wl
