#pragma once
// The workloads' inputs as functions of their shape and seed: the host drivers (what `tilesim run
// --seed S` simulates) and the GPU harness (`tilesim-gpu --seed S`, workloads/cuda/) both call
// these, so both see the same bytes. Plain C++ (inputs.h's counter-based generator).
#include <cstdint>
#include <string>
#include <vector>

namespace wl::recipe {

/// GEMM C = A x B^T: A is M x K int8 (or int4 packed two per byte), B is N x K int8, ternary
/// (packed four per byte) or int4; the bytes exactly as the kernels read them.
struct Gemm {
  std::vector<int8_t> a;   ///< int8 A, M x K (empty for int4)
  std::vector<int8_t> b;   ///< int8 B, N x K (empty for ternary / int4)
  std::vector<uint8_t> a4; ///< int4 A packed, M x ceil(K/2) (int4 only)
  std::vector<uint8_t> bt; ///< ternary B packed N x ceil(K/4), or int4 B packed N x ceil(K/2)
};
/// dtype: "int8", "ternary" or "int4".
Gemm gemm(uint32_t m, uint32_t n, uint32_t k, const std::string& dtype, uint64_t seed);

/// GEMV Y = W X: W is rows x cols int8 (or ternary packed four per byte), X is vectors x cols int8.
struct Gemv {
  std::vector<uint8_t> w;  ///< the bytes of W (int8 values as bytes, or ternary packed)
  std::vector<int8_t> x;
};
Gemv gemv(uint32_t rows, uint32_t cols, uint32_t vectors, bool ternary, uint64_t seed);

}  // namespace wl::recipe
