#pragma once
// The BitNet b1.58 layer of workloads/bitnet/kernel.c (golden model workloads/bitnet/golden.cpp)
// as __host__ __device__ steps: per token, absmax-quantize the Q8 activations to int8; the
// ternary GEMM (int32, wrapping); the integer epilogue y = mulq12(mulq12(acc, absmax), k), ReLU
// between the MLP's layers. Held to the golden model on the host by tests/unit/test_cuda_host.cpp.
#include <cstdint>

#include "workloads/cuda/fixed_point.h"

namespace tsgpu {

/// |x| of one activation, as int64 (|INT32_MIN| fits).
TS_HD int64_t abs64(int32_t x) { return x < 0 ? -int64_t(x) : int64_t(x); }

/// The token's absmax a, clamped to 1 .. INT32_MAX.
TS_HD int32_t bitnet_absmax_clamp(int64_t a) { return static_cast<int32_t>(a < 1 ? 1 : a > INT32_MAX ? INT32_MAX : a); }

/// The activation scale 127 x round(2^24 / a), wrapping to 32 bits as the kernel's register does.
TS_HD int32_t bitnet_scale(int32_t a) {
  const int64_t rcp = ((int64_t(1) << 24) + a / 2) / a;
  return static_cast<int32_t>(static_cast<uint32_t>(127 * rcp));
}

/// One activation quantized: sat8(round_away(x x s / 2^24)).
TS_HD int8_t bitnet_quant(int32_t x, int32_t s) {
  const int64_t y = round_away(int64_t(x) * s, 24);
  return static_cast<int8_t>(y < -128 ? -128 : y > 127 ? 127 : y);
}

/// The layer's output from its int32 accumulator: mulq12(mulq12(acc, a), k), ReLU if asked.
TS_HD int32_t bitnet_out(int32_t acc, int32_t a, int32_t k, bool relu) {
  const int32_t y = mulq12(mulq12(acc, a), k);
  return relu && y < 0 ? 0 : y;
}

}  // namespace tsgpu
