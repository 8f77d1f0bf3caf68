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
/// The requantization's default right shift (scale 1) for a dtype: 12 int8, 6 ternary, 4 int4.
inline uint32_t gemm_requant_shift(const std::string& dtype) { return dtype == "ternary" ? 6 : dtype == "int4" ? 4 : 12; }

/// GEMV Y = W X: W is rows x cols int8 (or ternary packed four per byte), X is vectors x cols int8.
struct Gemv {
  std::vector<uint8_t> w;  ///< the bytes of W (int8 values as bytes, or ternary packed)
  std::vector<int8_t> x;
};
Gemv gemv(uint32_t rows, uint32_t cols, uint32_t vectors, bool ternary, uint64_t seed);

/// Flash attention: int8 Q, K, V of batch x heads x seq x dim (scale 1/32, about N(0, 1) in real
/// units) and the kernel's fixed-point constants (docs/workloads.md).
struct Attention {
  std::vector<int8_t> q, k, v;
  double qk_scale = 0;   ///< (1/32)^2 / sqrt(dim): one Q K^T unit in real units
  int32_t c = 0;         ///< mulq16(dot, c) = dot x qk_scale x log2(e) in Q16
  double gain = 1;       ///< O = o x gain in V's units: 2^floor(log2(sqrt(seq) / 4)), >= 1; 1 if causal
  int32_t out_mul = 0;   ///< round(gain x 2^24 / 255)
  uint32_t out_shift = 24;
};
/// The constants alone (what the options decide), then the inputs.
Attention attention_params(uint32_t seq, uint32_t dim, bool causal);
Attention attention(uint32_t batch, uint32_t heads, uint32_t seq, uint32_t dim, bool causal, uint64_t seed);

/// One BitNet b1.58 layer: weights ~ N(0, 0.02) absmean-quantized to ternary, packed
/// [out][ceil(in/4)], and k = round(beta x 2^24 / 127).
struct TernaryLayer {
  std::vector<uint8_t> packed;
  int32_t k = 0;
  double beta = 0;
};
/// A BitNet linear layer (layers 1: in -> out) or MLP (layers 2: in -> hidden -> out): X int32
/// Q8 [tokens][in] ~ N(0, 1), l2 empty for one layer.
struct Bitnet {
  std::vector<int32_t> x;
  TernaryLayer l1, l2;
};
Bitnet bitnet(uint32_t tokens, uint32_t in, uint32_t hidden, uint32_t out, uint32_t layers, uint64_t seed);

}  // namespace wl::recipe
