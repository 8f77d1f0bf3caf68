#pragma once
// Golden references for the workloads, in plain C++ on the host. This library links nothing of
// the simulator (CMake enforces it), so a bug in the functional model cannot hide in its own
// reference. Integer results are bit-exact expectations.
#include <cstdint>
#include <vector>

namespace golden {

/// Value of a packed ternary weight: 2-bit two's complement (0, +1, invalid = 0, -1).
inline int ternary(uint8_t byte, unsigned k) {
  const unsigned c = (byte >> (2 * (k % 4))) & 3u;
  return c == 1 ? 1 : c == 3 ? -1 : 0;
}

// Each model comes as the fast version the drivers use (SIMD, the host's cores) and its plain
// reference (`_ref`, the definition written out loop by loop), which the tests hold it to.

/// C[m][n] = sum_k A[m][k] * B[n][k]; A int8 MxK, B int8 NxK (row pitch K).
std::vector<int32_t> gemm_i8(const std::vector<int8_t>& a, const std::vector<int8_t>& b, uint32_t m, uint32_t n, uint32_t k);
std::vector<int32_t> gemm_i8_ref(const std::vector<int8_t>& a, const std::vector<int8_t>& b, uint32_t m, uint32_t n, uint32_t k);
/// The same with B ternary, packed 4 per byte, rows of ceil(K/4) bytes.
std::vector<int32_t> gemm_t2(const std::vector<int8_t>& a, const std::vector<uint8_t>& b, uint32_t m, uint32_t n, uint32_t k);
std::vector<int32_t> gemm_t2_ref(const std::vector<int8_t>& a, const std::vector<uint8_t>& b, uint32_t m, uint32_t n, uint32_t k);
/// The same with A and B int4, packed two per byte (rows of ceil(K/2) bytes, low nibble first).
std::vector<int32_t> gemm_s4(const std::vector<uint8_t>& a, const std::vector<uint8_t>& b, uint32_t m, uint32_t n, uint32_t k);
std::vector<int32_t> gemm_s4_ref(const std::vector<uint8_t>& a, const std::vector<uint8_t>& b, uint32_t m, uint32_t n, uint32_t k);
/// Value of element x of a row of packed int4.
inline int int4(const uint8_t* row, uint32_t x) {
  const int v = (row[x / 2] >> (4 * (x % 2))) & 15;
  return v >= 8 ? v - 16 : v;
}
/// GEMV Y[r][v] = sum_k W[r][k] X[v][k] (Y rows x vectors): W rows x cols int8 bytes, or
/// ternary packed (rows of ceil(cols/4) bytes); X vectors x cols int8.
std::vector<int32_t> gemv(const std::vector<uint8_t>& w, const std::vector<int8_t>& x, uint32_t rows, uint32_t cols, uint32_t vectors,
                          bool ternary);
/// sat_int8(round_half_away(x * scale / 2^shift)).
int8_t requant(int32_t x, int32_t scale, uint32_t shift);

}  // namespace golden
